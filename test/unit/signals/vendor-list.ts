/**
 * A small GVL v3 (TCF 2.2) shaped vendor list for tests: 11 purposes, 2 special features, 3
 * made-up vendors; no network. Used by the decoder fixtures, the end-to-end page CMP
 * (test/e2e/pages/tcf-cmp.ts, bundled for the browser) and the forging test.
 */
import type { VendorList } from '@iabtechlabtcf/core';

const item = (id: number, name: string) => ({ id, name, description: `${name}.`, illustrations: [] as string[] });
const vendor = (id: number, name: string, v: { purposes: number[]; legIntPurposes: number[]; flexiblePurposes: number[]; specialPurposes?: number[] }) => ({
  id,
  name,
  specialPurposes: [],
  features: [],
  specialFeatures: [],
  usesCookies: true,
  cookieMaxAgeSeconds: 86_400,
  cookieRefresh: false,
  usesNonCookieAccess: false,
  ...v,
});

/** A GVL v3 (TCF 2.2) shaped vendor list: 11 purposes, 2 special features, 3 vendors. */
export const VENDOR_LIST = {
  gvlSpecificationVersion: 3,
  vendorListVersion: 42,
  tcfPolicyVersion: 4,
  lastUpdated: '2024-01-01T00:00:00Z',
  purposes: Object.fromEntries([...Array(11).keys()].map((i) => [i + 1, item(i + 1, `Purpose ${i + 1}`)])),
  specialPurposes: { 1: item(1, 'Security'), 2: item(2, 'Delivery'), 3: item(3, 'Save choices') },
  features: { 1: item(1, 'Match data'), 2: item(2, 'Link devices'), 3: item(3, 'Identify devices') },
  specialFeatures: { 1: item(1, 'Precise geolocation'), 2: item(2, 'Device scanning') },
  stacks: {},
  dataCategories: {},
  vendors: {
    8: vendor(8, 'Example Ads', { purposes: [1, 2, 3, 4], legIntPurposes: [7, 8], flexiblePurposes: [2, 7] }),
    21: vendor(21, 'Example Analytics', { purposes: [1, 8, 9], legIntPurposes: [10], flexiblePurposes: [] }),
    755: vendor(755, 'Example Search', { purposes: [1, 2, 3, 4, 7, 9, 10], legIntPurposes: [2, 7, 8], flexiblePurposes: [2, 7, 8] }),
  },
} as unknown as VendorList;
