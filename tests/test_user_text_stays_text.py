"""Every ``Markup``/``|safe`` carries only markup the app builds: user text reaching one is escaped.

The paths: an organisation's name becomes a label of the figures' charts (leather's SVG), and a
category's icon code picks one of our icons (an unknown code gets the plain circle).
"""

from __future__ import annotations

from types import SimpleNamespace

from app.extensions import db
from app.helpboard.icons import icon_for
from tests.factories import make_organisation
from tests.servicemap.factories import make_service

SCRIPT = '<script>alert("x")</script>'


def test_an_organisation_name_with_a_script_is_text_in_the_figures(app, login_as, client):
    make_service("Spreekuur", organisation=make_organisation(SCRIPT))
    db.session.commit()
    login_as("professional")
    html = client.get("/beheer/cijfers?_lang=en").get_data(as_text=True)
    assert "&lt;script&gt;alert(" in html  # the name is shown, as text
    assert SCRIPT not in html and "<script>alert" not in html


def test_a_category_icon_code_with_a_script_gets_the_plain_circle(app):
    svg = str(icon_for(SimpleNamespace(icon=f'"><{SCRIPT}')))
    assert "<script" not in svg and "alert" not in svg
    assert svg == str(icon_for(SimpleNamespace(icon=None)))
