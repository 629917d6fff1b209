"""Rasa input channels of LDN Assistant (named in credentials.yml)."""
