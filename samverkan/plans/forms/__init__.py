"""Forms of the plans app, one module per area: activities, agreements, promises, importing,
reports."""
