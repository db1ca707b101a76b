package dev.dataeng.p10.serving;

/**
 * The billing engine's answer for one campaign and day.
 *
 * @param spendMicros      what the campaign's events cost: reconciled hours exactly, the other hours real-time
 * @param billedMicros     what the advertiser pays: the spend, capped at the budget
 * @param reconciledMicros the part of {@code spendMicros} that comes from reconciled (exact) hours
 * @param paused           the campaign was paused for the day because it reached its budget
 */
public record SpendAnswer(String campaignId, String day, long budgetMicros, long spendMicros, long billedMicros,
        long remainingMicros, long reconciledMicros, boolean paused) {
}
