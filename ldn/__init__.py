"""Shared code of LDN Assistant: settings, the condition registry, and NLU components."""
