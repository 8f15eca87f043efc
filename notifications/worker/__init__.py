"""The delivery worker: one claimer per process feeding a pool of async senders."""
