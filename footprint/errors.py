"""One small hierarchy of errors that the pages and the CLI turn into messages."""


class FootprintError(Exception):
    """Base class for every error Footprint reports to a person."""


class IngestError(FootprintError, ValueError):
    """A report could not be read, fetched or cleaned."""


class GeocodeError(FootprintError, ValueError):
    """A place name or the gazetteer itself is unusable."""


class SnapshotError(FootprintError, ValueError):
    """A GeoJSON snapshot could not be built or read."""


class AssetError(FootprintError):
    """A web asset the map needs is not installed locally."""
