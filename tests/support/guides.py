"""The smallest valid guide and store, for tests that build or render one.

One template, so a new required front-matter field is added to every test's
guide at once; each test varies only what it is about (the title, a citation,
an extra field, the body).
"""

from __future__ import annotations

MINIMAL_BIB = """\
@article{garber2011,
  author  = {Garber, C. E. and Blissmer, B. and Deschenes, M. R. and Franklin, B. A.
             and {American College of Sports Medicine}},
  title   = {Quantity and quality of exercise for developing and maintaining fitness},
  journal = {Med Sci Sports Exerc},
  year    = {2011}, volume = {43}, number = {7}, pages = {1334--1359},
  doi     = {10.1249/MSS.0b013e318213fefb},
  pmid    = {21694556},
}
"""


def guide_source(
    title: str = "Plank",
    *,
    answer: str = "Until form fails [@garber2011].",
    extra: str = "",
    body: str = "Body text.",
) -> str:
    """A guide's file: every required section once, ``extra`` front-matter lines last.

    Without ``extra`` the body starts on line 21.
    """
    return f"""\
---
title: {title}
description: Hold a straight line from head to heels.
level: beginner
last_reviewed: 2026-11-01
muscles:
  - name: Rectus abdominis
    role: stabilizer
variations:
  - name: Knee plank
    level: beginner
    how: Knees down.
mistakes:
  - mistake: Hips sag.
    fix: Squeeze the glutes.
faq:
  - q: How long should I hold it?
    a: {answer}
{extra}---

{body}
"""
