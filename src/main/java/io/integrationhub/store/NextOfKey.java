package io.integrationhub.store;

/**
 * A delivered head's offer to deliver the next message of its key itself: when the outcome's transaction makes that
 * message the key's head, it is claimed for this instance in the same row write, if it is in the same lane and due.
 * Otherwise it is made due for any lane as usual. A claim of its own would write the message's row a second time and
 * cost a claim statement; on PostgreSQL each row version is an entry in every index of the message table.
 */
final class NextOfKey {

    private final String lane;
    private volatile Claim claim;

    NextOfKey(String lane) {
        this.lane = lane;
    }

    String lane() {
        return lane;
    }

    /** Set by the transaction that claimed it; read after that transaction committed. */
    void claimed(Claim next) {
        this.claim = next;
    }

    Claim claim() {
        return claim;
    }
}
