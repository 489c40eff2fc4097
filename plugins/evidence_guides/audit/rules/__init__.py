"""The audit's rules, one module per family."""
