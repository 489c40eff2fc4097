"""PubMed: parsing records, the polite E-utilities client, importing and verifying references.

The only package that talks to the network; tests replay PubMed on 127.0.0.1.
"""
