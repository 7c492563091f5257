"""The timesheet pages."""
