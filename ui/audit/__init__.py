"""The audit log viewer (監査ログ): who changed what and when, before and after; read-only."""
