"""The built PWA (``pwa/dist``), served at ``/`` with an SPA fallback."""
