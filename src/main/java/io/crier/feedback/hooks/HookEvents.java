package io.crier.feedback.hooks;

import java.util.ArrayList;
import java.util.List;

import io.crier.feedback.Feedback;
import io.crier.shared.FieldProblem;

/**
 * What one verified request reported: the bounces and complaints to apply, how many events mean
 * nothing to Crier (deliveries, opens, a subscription confirmation), and the events refused as
 * malformed, each naming its field; the others are applied all the same.
 */
final class HookEvents {

    private final List<Feedback> feedback = new ArrayList<>();
    private final List<FieldProblem> problems = new ArrayList<>();
    private int ignored;

    void add(Feedback heard) {
        feedback.add(heard);
    }

    void ignore() {
        ignored++;
    }

    void refuse(FieldProblem problem) {
        problems.add(problem);
    }

    List<Feedback> feedback() {
        return List.copyOf(feedback);
    }

    List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    int ignored() {
        return ignored;
    }
}
