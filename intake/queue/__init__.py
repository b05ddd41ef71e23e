"""Scale-out on Celery: ``intake run`` claims files and publishes one task per claim;
``intake worker`` processes, on any machine that reaches the database, the broker and the
shared data folder, read and file them.

- :mod:`intake.queue.app` builds the Celery app from the settings (late acknowledgement,
  redelivery, the visibility timeout);
- :mod:`intake.queue.tasks` is what a worker runs for one claim;
- :mod:`intake.queue.dispatch` is the service's side: publish, then hand the claim over.

Celery is imported only here (and by the CLI commands that use it): ``pip install
'intake[queue]'``.
"""
