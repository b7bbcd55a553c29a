"""Events in and out: the outbox of every change, its delivery to webhooks and a
notification router (NRC), and the worker that delivers them."""
