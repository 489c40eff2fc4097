"""Text: citation scanning and masking, a page's prose as segments, and safe output.

These modules read Markdown, HTML and terminal text; none of them knows what a guide or
a store entry is, so every other package can use them.
"""
