package dev.vigil.analytics.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageMaskerTest {
    private final MessageMasker masker = new MessageMasker();

    @Test
    void numbersWithAndWithoutUnitsAreMasked() {
        assertEquals("took <*> ms", masker.mask("took 1234 ms"));
        assertEquals("took <*> to respond", masker.mask("took 12.5ms to respond"));
        assertEquals("retry <*> of <*>", masker.mask("retry 3 of 5"));
        assertEquals("offset <*> is invalid", masker.mask("offset -42 is invalid"));
        assertEquals(masker.mask("disk at 5% full"), masker.mask("disk at 97% full"));
        assertTrue(!masker.mask("disk at 97% full").contains("97"));
        assertEquals("queue depth <*>", masker.mask("queue depth 1,234,567"));
        assertEquals("worker-<*> crashed", masker.mask("worker-17 crashed"));
    }

    @Test
    void idsAreMasked() {
        assertEquals("trace <*> failed", masker.mask("trace 4bf92f3577b34da6a3ce929d0e0e4736 failed"));
        assertEquals("commit <*> deployed", masker.mask("commit 9fceb02d0ae5 deployed"));
        assertEquals("user <*> logged in", masker.mask("user 123e4567-e89b-12d3-a456-426614174000 logged in"));
        assertEquals("user <*> logged in", masker.mask("user 123E4567-E89B-12D3-A456-426614174000 logged in"));
    }

    @Test
    void addressesAreMasked() {
        assertEquals("connection from <*> refused", masker.mask("connection from 10.0.12.7:5432 refused"));
        assertEquals("connection from <*> refused", masker.mask("connection from 192.168.1.254 refused"));
    }

    @Test
    void quotedStringsAreMasked() {
        assertEquals("key <*> not found in <*>", masker.mask("key \"user profile\" not found in 'cache-eu'"));
        assertEquals("empty <*> value", masker.mask("empty \"\" value"));
    }

    @Test
    void constantWordsAreKept() {
        String[] constant = {
            "payment gateway timeout",
            "NullPointerException in OrderService.place",
            "sha256 checksum mismatch in base64 payload",
            "x509 certificate expired for ipv4 listener",
            "log4j config loaded with utf8 encoding on http2",
        };
        for (String message : constant) {
            assertEquals(message, masker.mask(message));
        }
    }

    @Test
    void messagesOfTheSameShapeGiveTheSameText() {
        String a = masker.mask("order 123 placed by user 4bf92f3577b34da6a3ce929d0e0e4736 from 10.1.2.3 in 45ms, coupon \"SPRING\"");
        String b = masker.mask("order 98765 placed by user 00f067aa0ba902b700f067aa0ba902b7 from 192.168.0.1 in 1.5s, coupon \"X\"");
        assertEquals(a, b);
        assertEquals("order <*> placed by user <*> from <*> in <*>, coupon <*>", a);
        assertNotEquals(masker.mask("order 1 placed"), masker.mask("order 1 cancelled"));
    }

    @Test
    void runsOfVariablesCollapse() {
        assertEquals("values <*> done", masker.mask("values 1, 2, 3 done"));
        assertEquals(masker.mask("ids 1, 2 done"), masker.mask("ids 1, 2, 3, 4, 5 done"));
    }

    @Test
    void onlyTheFirstLineCountsAndLongMessagesAreCut() {
        assertEquals("NullPointerException at checkout", masker.mask("NullPointerException at checkout\n\tat a.b.C(C.java:12)"));
        String longMessage = "word ".repeat(200);
        assertTrue(masker.mask(longMessage).length() <= 300);
        assertEquals(longMessage.substring(0, 300), masker.mask(longMessage));
    }
}
