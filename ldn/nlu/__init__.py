"""Custom Rasa NLU components of LDN Assistant (referenced from config.yml)."""
