"""The clinic demo page that hosts the chat widget."""
