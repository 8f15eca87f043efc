"""Push delivery: the inbox, delivery jobs, subscriptions, VAPID and the worker.

It never imports ``backend``: producers call :func:`enqueue` inside their own transaction, and
the backend's push controllers call the small services here.
"""

from notifications.documents import NOTIFICATION_MODELS
from notifications.enqueue import enqueue, notification_id
from notifications.texts import Kind

__all__ = ["NOTIFICATION_MODELS", "Kind", "enqueue", "notification_id"]
