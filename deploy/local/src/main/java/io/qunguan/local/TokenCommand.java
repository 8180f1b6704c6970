package io.qunguan.local;

import io.qunguan.testkit.Tokens;
import java.nio.file.Files;

/** {@code deploy/local/token <role> [subject] [department]}: a bearer token for the local run's dev key. */
public final class TokenCommand {

    private TokenCommand() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: deploy/local/token <hr|auditor|dept-head|group-owner|employee|operator|marketing|supervisor> [subject] [department]");
            System.exit(2);
        }
        if (!Files.exists(LocalRun.KEYS.resolve("private.pem"))) {
            System.err.println("no local dev key yet: start the local run once (deploy/local/run)");
            System.exit(2);
        }
        String subject = args.length > 1 ? args[1] : args[0] + "-local";
        String department = args.length > 2 ? args[2] : null;
        System.out.println(Tokens.fromPem(LocalRun.KEYS.resolve("private.pem")).issue(args[0], subject, department));
    }
}
