// Shapes of the TeamViewer Web API v1 that the product uses (see shared/teamviewer-api.md).

export interface TvAccount {
  userid: string;
  email: string;
  name: string;
  company_name?: string;
  license?: { type?: string; isactive?: boolean };
}

export interface TvGroup {
  id: string;
  name: string;
  shared_with?: TvShare[];
}

export interface TvEndCustomer {
  name?: string;
  email?: string;
}

export interface TvSession {
  code: string;
  state: 'Open' | 'Closed' | string;
  groupid: string;
  description?: string;
  end_customer?: TvEndCustomer;
  assigned_userid?: string;
  assigned_at?: string;
  end_customer_link: string;
  supporter_link: string;
  webclient_supporter_link?: string;
  custom_api?: string;
  created_at: string;
  valid_until: string;
  closed_at?: string;
  online?: boolean;
  support_session_type?: string;
}

export interface TvSessionList {
  sessions: TvSession[];
  next_offset?: string;
  sessions_remaining?: number;
}

export interface TvCreateSession {
  groupid: string;
  description?: string;
  end_customer?: TvEndCustomer;
  assigned_userid?: string;
  custom_api?: string;
  valid_until?: string;
  support_session_type?: 'Default' | 'Pilot';
}

export interface TvConnectionRecord {
  id: string;
  userid?: string;
  username?: string;
  devicename?: string;
  groupid?: string;
  start_date?: string;
  end_date?: string;
  session_code?: string;
  notes?: string;
  custom_api?: string;
  // Reports (issue 10)
  deviceid?: string;
  groupname?: string;
  session_created_at?: string;
  valid_until?: string;
  assigned_userid?: string;
}

export interface TvConnectionPage {
  records: TvConnectionRecord[];
  records_remaining?: number;
  next_offset?: string;
}

/** A user of the TeamViewer company (`GET /users`). */
export interface TvUser {
  id: string;
  name: string;
  email?: string;
}

/** A user a group is shared with (`GET /groups/{id}` → `shared_with`). */
export interface TvShare {
  userid: string;
  name?: string;
  permissions: 'read' | 'readwrite' | string;
  pending?: boolean;
}

/** A device of Computers & Contacts (`GET /devices`). */
export interface TvDevice {
  remotecontrol_id?: string;
  device_id?: string;
  userid?: string;
  alias?: string;
  groupid?: string;
  description?: string;
  online_state?: 'Online' | 'Offline' | string;
  last_seen?: string;
  teamviewer_id?: number | string;
  assigned_to?: boolean;
}
