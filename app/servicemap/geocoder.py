"""Address to coordinates through a geocoder adapter (PDOK Locatieserver by default).

The adapter is called from the server with a short time limit; when the service cannot be
reached, the form asks for latitude/longitude or a click on the map instead.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from flask import current_app

_POINT = re.compile(r"POINT\(\s*([-0-9.]+)\s+([-0-9.]+)\s*\)")


class GeocoderUnavailable(Exception):
    """The geocoder could not be reached or gave an answer we cannot read."""


@dataclass
class GeocodeResult:
    latitude: float
    longitude: float
    label: str
    postcode: str | None = None


class PdokGeocoder:
    """PDOK Locatieserver v3.1 (``…/search/v3_1/free?q=…&fq=type:adres``)."""

    def __init__(self, url: str, timeout: float = 3.0) -> None:
        self.url = url
        self.timeout = timeout

    def geocode(
        self, address: str, postcode: str | None = None, city: str | None = None
    ) -> GeocodeResult | None:
        """Return the best match for the address, None when there is none."""
        query = " ".join(p for p in (address, postcode, city) if p)
        params = urllib.parse.urlencode({"q": query, "fq": "type:adres", "rows": 1})
        request = urllib.request.Request(  # noqa: S310 — the URL comes from configuration
            f"{self.url}?{params}", headers={"Accept": "application/json"}
        )
        try:
            # GEOCODER_URL is the operator's setting (http or https), never a visitor's input.
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310  # nosec B310
                payload = json.loads(response.read(1_000_000).decode("utf-8"))
        except (OSError, urllib.error.URLError, ValueError) as exc:
            raise GeocoderUnavailable(str(exc)) from exc
        try:
            docs = payload["response"]["docs"]
        except (KeyError, TypeError) as exc:
            raise GeocoderUnavailable("unexpected answer") from exc
        if not docs:
            return None
        doc = docs[0]
        match = _POINT.search(str(doc.get("centroide_ll", "")))
        if not match:
            return None
        lon, lat = float(match.group(1)), float(match.group(2))
        return GeocodeResult(lat, lon, str(doc.get("weergavenaam", query)), doc.get("postcode"))


def get_geocoder() -> PdokGeocoder:
    """Return the geocoder configured for this app."""
    return PdokGeocoder(current_app.config["GEOCODER_URL"], current_app.config["GEOCODER_TIMEOUT"])
