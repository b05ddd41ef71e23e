"""The Celery app: one task, and the settings that make the queue lose and double nothing.

- ``task_acks_late``: a task's message is acknowledged when the task returns, which it does
  only once the claim is settled (or found settled). A worker that dies with it leaves it
  unacknowledged.
- ``task_reject_on_worker_lost``: a worker child that dies (killed, out of memory) has its
  message put back at once by the worker's main process.
- the visibility timeout (Redis): the message of a worker whose whole machine or process
  group vanished comes back after ``queue_visibility_timeout`` seconds (and at most a tenth
  more: how often the workers look for such messages). A task must end
  before that, or its message would be delivered a second time while it runs: the hard time
  limit of a task is therefore the smaller of ``file_timeout`` and the visibility timeout
  less a margin.
- ``task_acks_on_timeout`` off: a task killed at its time limit is put back too; the next
  run counts it as an attempt (:func:`intake.ingest.ledger.count_crash`), and after
  ``max_attempts`` the file is quarantined, so a file that keeps killing workers ends there.
- ``worker_prefetch_multiplier`` 1: a worker holds no more messages than it has children.
- broker connections are retried for ever, with backoff, at start and after a loss.

Results are not stored: a file's fate is in the ledger.
"""

from __future__ import annotations

from typing import Any

from celery import Celery

from intake.settings import Settings

__all__ = ["FILE_CLAIM", "QUEUE_NAME", "make_app", "task_time_limit"]

#: The name of the one task, and of the queue it travels on.
FILE_CLAIM = "intake.file_claim"
QUEUE_NAME = "intake"
#: Seconds kept (at least) between a task's time limit and the visibility timeout.
MARGIN = 2.0


def task_time_limit(settings: Settings) -> float:
    """The hard time limit of one task (see the module's docstring)."""
    visibility = settings.queue_visibility_timeout
    return max(1.0, min(settings.file_timeout, visibility - max(MARGIN, visibility / 8)))


def make_app(settings: Settings, *, tasks: bool = False) -> Celery:
    """The Celery app on ``settings.broker_url``; with ``tasks``, the task that files a
    claim is registered (a worker), else the app only publishes (the service)."""
    app = Celery("intake", broker=settings.broker_url, set_as_current=False)
    visibility = settings.queue_visibility_timeout
    transport: dict[str, Any] = {
        "visibility_timeout": visibility,
        # Look for the messages of vanished workers every tenth of the timeout (kombu's
        # default looks every 100 s): one comes back within 1.1 timeouts.
        "unacked_restore_interval": max(1, round(visibility / 10)),
        "unacked_restore_throttle": 1,
        "unacked_mutex_expire": max(5, round(visibility / 10)),  # held by a worker killed
        "socket_connect_timeout": 5,
        "socket_timeout": 30,
    }
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_timeout=False,
        task_acks_on_failure=True,
        task_ignore_result=True,
        task_time_limit=task_time_limit(settings),
        task_default_queue=QUEUE_NAME,
        task_routes={FILE_CLAIM: {"queue": QUEUE_NAME}},
        task_serializer="json",
        accept_content=["json"],
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        worker_send_task_events=False,
        worker_enable_remote_control=False,
        worker_cancel_long_running_tasks_on_connection_loss=False,
        broker_connection_retry=True,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        broker_transport_options=transport,
        broker_heartbeat=30,
    )
    if tasks:
        from intake.queue.tasks import register

        register(app, settings)
    return app
