"""The category taxonomy shared by the map, the calendar and the question board."""
