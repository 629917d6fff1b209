"""The cluster's Redis lock store, without losing a message when a replica dies.

Rasa 3.6 serves one message per conversation at a time with numbered tickets that
expire (TICKET_LOCK_LIFETIME). A replica killed while serving leaves its ticket until
it expires. A message that arrived within a second after it waits, polling once a
second, and its own ticket expires in the same window: Rasa's store then waits on a
ticket nobody holds and ends in LockError, and the message is never processed (the
patient got utter_service_trouble; tests/cluster/test_failover.py caught it once the
replicas answered fast enough to hit that second).

Here a waiting message whose ticket has expired takes a new one and keeps waiting
(at most RENEWALS times), and the lock is polled every WAIT_S seconds.
"""

import asyncio
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# Rasa polls once a second; a quarter-second brings a waiting message in sooner after a
# dead replica's ticket expires, for one small Redis read per poll.
WAIT_S = 0.25
RENEWALS = 3


def holds_ticket(lock: TicketLock | None, ticket: int) -> bool:
    """Is `ticket` still in the queue (not expired, not finished)?"""
    if lock is None:
        return False
    lock.remove_expired_tickets()
    return any(t.number == ticket for t in lock.tickets)


class RenewingRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = WAIT_S,
    ) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            acquired, renewals = None, 0
            while acquired is None:
                lock: Any = self.get_lock(conversation_id)
                if not holds_ticket(lock, ticket):  # our ticket expired while we waited
                    if renewals == RENEWALS:
                        raise LockError(f"no turn for conversation '{conversation_id}' after {RENEWALS} renewals")
                    renewals += 1
                    ticket = self.issue_ticket(conversation_id, lock_lifetime)
                elif not lock.is_locked(ticket):
                    acquired = lock
                else:
                    await asyncio.sleep(wait_time_in_seconds)
            yield acquired
        finally:
            self.cleanup(conversation_id, ticket)
