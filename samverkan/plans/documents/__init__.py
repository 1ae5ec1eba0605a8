"""The plan's documents: the status report for a meeting and the yearly follow-up, each as
archival PDF and as Word, always in Swedish."""
