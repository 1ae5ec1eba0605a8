"""Forms of the dialogue app, one module per area: builder, results, walks, dialogues, themes."""
