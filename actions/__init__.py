"""Custom actions of LDN Assistant, one module per concern (loaded by `rasa run actions`)."""
