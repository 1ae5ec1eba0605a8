"""The police's public events feed (polisen.se/api/events): parsing, import, the scheduled fetch
and the page that lists the events. See docs/formats/police-events.md."""
