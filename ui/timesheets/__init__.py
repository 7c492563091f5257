"""My week (私の週): a person's hours, typed into a week grid and saved as typed."""
