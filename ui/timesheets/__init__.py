"""The timesheet pages: my week (私の週), approval (承認) and the team month (チーム月表)."""
