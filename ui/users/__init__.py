"""The Users page (ユーザー): administrators add, edit, deactivate users, reset passwords."""
