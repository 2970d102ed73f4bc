"""Organisations that work in the neighbourhoods; professionals belong to them."""
