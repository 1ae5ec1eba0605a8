"""The demo councils: the seed's council of Köping with a persona per role, loaded by
`samverkan demo` (and by `samverkan run` on an empty database). The top floor beside the API:
it builds data in every app."""
