"""Neighbourhoods (wijken): everything in Wijkplein belongs to one."""
