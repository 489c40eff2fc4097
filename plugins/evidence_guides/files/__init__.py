"""Files: reading source files safely, writing them atomically, and the limits checked first.

Everything that touches the disk for a guide or the store goes through here, so a
wrong encoding, an oversized file or an interrupted write is handled in one place.
"""
