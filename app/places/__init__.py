"""Places shared by the social map and the calendar (``Location``)."""
