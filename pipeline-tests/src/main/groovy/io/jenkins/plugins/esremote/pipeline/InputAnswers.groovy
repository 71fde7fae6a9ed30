package io.jenkins.plugins.esremote.pipeline

/** Answers to input steps, as a user clicking Proceed or Abort in Jenkins. */
class InputAnswers {

    /**
     * Proceeds as {@code user}, a member of {@code groups}. Like Jenkins, it rejects the answer
     * when the input names submitters and the user is neither one of them nor in one of their
     * groups; it returns the user name when the input asks for a submitterParameter.
     */
    static Closure<Object> approveAs(String user, String... groups) {
        return { Map args ->
            if (args.submitter) {
                List<String> allowed = (args.submitter as String).tokenize(', ')
                if (!allowed.contains(user) && !allowed.any { groups.contains(it) }) {
                    throw new IllegalStateException("${user} may not answer an input for submitters ${allowed}")
                }
            }
            return args.submitterParameter ? user : null
        }
    }

    /** Aborts as {@code user}, which Jenkins reports as FlowInterruptedException. */
    static Closure<Object> abortAs(String user) {
        return { Map args -> throw new BuildAbortedException("Aborted by ${user}", user) }
    }
}
