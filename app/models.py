"""Every model module, imported once so that the metadata is complete (Alembic, tests)."""

from app.accounts import models as accounts_models  # noqa: F401
from app.activities import models as activities_models  # noqa: F401
from app.helpboard import models as helpboard_models  # noqa: F401
from app.media import models as media_models  # noqa: F401
from app.neighbourhoods import models as neighbourhoods_models  # noqa: F401
from app.organisations import models as organisations_models  # noqa: F401
from app.outbox import models as outbox_models  # noqa: F401
from app.places import models as places_models  # noqa: F401
from app.push import models as push_models  # noqa: F401
from app.servicemap import models as servicemap_models  # noqa: F401
from app.taxonomy import models as taxonomy_models  # noqa: F401
