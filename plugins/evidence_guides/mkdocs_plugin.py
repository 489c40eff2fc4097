from mkdocs.plugins import BasePlugin


class EvidencePlugin(BasePlugin):
    pass
