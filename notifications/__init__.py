"""Push delivery (outbox, worker, Web Push providers). Arrives with the push-notification issue;
it never imports ``backend``."""
