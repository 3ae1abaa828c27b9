export interface ProviderFollowersTable {
  organisation_id: string;
  account_id: string;
  followed_at: string;
}
