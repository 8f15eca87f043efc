"""Push notifications, the backend side: HTTP endpoints, and the triggers that feed ``notifications``."""
