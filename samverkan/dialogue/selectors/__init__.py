"""Reads of the dialogue app, one module per area: surveys, walks, dialogues, themes."""
