"""Guide front-matter: one definition that both checks guides and writes their JSON Schema.

A guide's YAML block is where an author's typo silently drops a section from the
page, so it is checked as strictly as configuration. The work is split by job, and
each module is imported by its own name (nothing is re-exported here):

- :mod:`~evidence_guides.text.front_matter`: where the front-matter ends and
  the body starts, exactly as MkDocs splits a page;
- :mod:`~evidence_guides.guide.frontmatter.walker`: one pass over the YAML events,
  refusing what is unsafe and recording where every value sits in the file;
- :mod:`~evidence_guides.guide.frontmatter.specs`: the field rules (strings, dates,
  numbers, lists, records), each both a check and a piece of JSON Schema;
- :mod:`~evidence_guides.guide.frontmatter.model`: the guide model built from those
  rules, :func:`~evidence_guides.guide.frontmatter.model.parse_guide` and
  :func:`~evidence_guides.guide.frontmatter.model.guide_json_schema`.
"""
