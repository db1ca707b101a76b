package dev.dataeng.common.ads;

/** How a campaign pays: per click (CPC, the bid is per click) or per mille (CPM, the bid is per 1,000 impressions). */
public enum Pricing {
    CPC, CPM
}
