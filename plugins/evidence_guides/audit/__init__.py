"""The citation audit: rules that find vague, unresolvable and mismatched references.

The audit returns findings and never prints; the MkDocs plugin logs them and
the ``guides`` CLI reports them in text, JSON, GitHub or SARIF form.
"""
