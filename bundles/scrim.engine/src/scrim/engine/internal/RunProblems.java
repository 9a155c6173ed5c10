package scrim.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import scrim.api.Problem;

/**
 * What went wrong while running, for the status: parts that threw, which the selection leaves
 * out until they are replaced or the configuration changes, and the problems found, one per
 * stage and subject (a newer one of the same replaces the older).
 */
final class RunProblems {

    private final Set<Object> failed = ConcurrentHashMap.newKeySet();
    private final Map<String, Problem> problems = new ConcurrentHashMap<>();

    /** The parts that threw, for {@link SelectionResolver}. */
    Set<Object> failed() {
        return failed;
    }

    void put(String stage, Object subject, String message) {
        problems.put(stage + " " + subject, new Problem(stage, String.valueOf(subject), message));
    }

    void remove(String stage, Object subject) {
        problems.remove(stage + " " + subject);
    }

    boolean has(String stage, Object subject) {
        return problems.containsKey(stage + " " + subject);
    }

    /** A part threw: it is left out of the selection and the problem is shown. */
    void partFailed(Object part, String stage, Object subject, String message) {
        failed.add(part);
        put(stage, subject, message);
    }

    /** A new configuration: every part gets another chance. */
    void clear() {
        failed.clear();
        problems.clear();
    }

    /** Everything to show now: the selection's problems, these, and what each selected effect says of itself. */
    List<Problem> all(Selection sel) {
        List<Problem> all = new ArrayList<>(sel.problems());
        all.addAll(problems.values());
        for (int i = 0; i < sel.effects().size(); i++) {
            String problem;
            try {
                problem = sel.effects().get(i).problem();
            } catch (RuntimeException e) {
                problem = "the effect could not report its state: " + e;
            }
            if (problem != null) {
                all.add(new Problem("effect", sel.effectNames().get(i), problem));
            }
        }
        return all;
    }
}
