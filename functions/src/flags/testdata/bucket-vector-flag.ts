/** The rollout whose buckets are pinned in fractional-buckets.json (10 / 30 / 60 over three stages). */
export const bucketVectorFlagKey = "migration-stage";

export const bucketVectorFlag = {
  state: "ENABLED",
  variants: { off: "off", dualwrite: "dualwrite", shadow: "shadow" },
  defaultVariant: "off",
  targeting: {
    fractional: [
      ["shadow", 10],
      ["dualwrite", 30],
      ["off", 60],
    ],
  },
};
