"""``kenes worker``: background workers for the configured queue, with the Kenes duties around them."""

from django.core.management.base import BaseCommand, CommandError

from kenes.documents import workers


def _positive(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = ("Run worker processes for the configured task backend (the database queue, or RQ when "
            "KENES_REDIS_URL is set); release documents whose worker died and re-enqueue forgotten ones.")

    def add_arguments(self, parser):
        parser.add_argument("--processes", type=int, default=1, help="worker processes (default 1)")
        parser.add_argument("--every", type=_positive, default=workers.DUTY_SECONDS,
                            help=f"seconds between two rounds of duties (default {workers.DUTY_SECONDS})")
        parser.add_argument("--stale-after", type=int, default=workers.STALE_CLAIM_SECONDS,
                            help="seconds after which a claim by a worker on another machine is given back "
                                 f"(default {workers.STALE_CLAIM_SECONDS})")

    def handle(self, *args, processes, every, stale_after, verbosity, **options):
        if processes < 1:
            raise CommandError("--processes must be at least 1")
        try:
            kind = workers.backend()
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if kind == "rq":
            import django_rq
            from redis.exceptions import RedisError

            try:
                django_rq.get_connection(workers.queues()[0]).ping()
            except RedisError as exc:
                raise CommandError(f"Redis is not reachable (KENES_REDIS_URL): {exc}") from None
        supervisor = workers.Supervisor(processes=processes, every=every, stale_after=stale_after,
                                        verbosity=verbosity)
        return_code = supervisor.run()
        if return_code:
            raise CommandError("the workers stopped")
