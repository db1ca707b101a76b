package dev.dataeng.p10;

import dev.dataeng.common.ads.AdRecord;
import dev.dataeng.p10.gateway.BatchEncoder;
import dev.dataeng.p10.gateway.GatewayClient;
import java.util.ArrayList;
import java.util.List;

/** Test helper: cuts the generator's records into batches, as an ad server does. */
final class Streams {
    private Streams() {
    }

    static List<List<AdRecord>> batches(List<AdRecord> records, int size) {
        List<List<AdRecord>> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i += size) {
            out.add(records.subList(i, Math.min(records.size(), i + size)));
        }
        return out;
    }

    /** Delivers every batch in order (retrying as told); returns the final answers. */
    static List<GatewayClient.Delivery> deliverAll(GatewayClient client, List<AdRecord> records, int size)
            throws InterruptedException {
        List<GatewayClient.Delivery> answers = new ArrayList<>();
        for (List<AdRecord> b : batches(records, size)) {
            answers.add(client.deliver(BatchEncoder.batch(b)));
        }
        return answers;
    }
}
