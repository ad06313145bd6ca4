/**
 * OAuth scope catalog: what each scope of the common sign-in providers lets an app do, in plain
 * English and Chinese, with a category and a read/write flag. `sensitive` is not stored per entry:
 * it follows from the category (and, for repositories, from `write`), see `isSensitive`.
 *
 * Lookup is exact except where the provider itself is lenient: Microsoft scope names are
 * case-insensitive and may be written as resource URIs (`https://graph.microsoft.com/Mail.Read`);
 * Google scopes may be written with or without the `https://www.googleapis.com/auth/` prefix.
 * Scopes not in the catalog come back as category `other` with the raw scope in the label.
 */
import { capText } from '../text.ts';

export type OAuthProvider = 'google' | 'microsoft' | 'github' | 'facebook' | 'apple' | 'wechat';

export const OAUTH_PROVIDERS: readonly OAuthProvider[] = ['google', 'microsoft', 'github', 'facebook', 'apple', 'wechat'];

/** What a scope reaches into; `src/ledger/import.ts` validates restored sign-ins against this list. */
export const SCOPE_CATEGORIES = [
  'identity',
  'email',
  'profile',
  'contacts',
  'mail',
  'files',
  'calendar',
  'photos',
  'location',
  'repositories',
  'organization',
  'payments',
  'offline-access',
  'admin',
  'other',
] as const;
export type ScopeCategory = (typeof SCOPE_CATEGORIES)[number];

export interface ScopeInfo {
  /** The scope exactly as the request carried it. */
  scope: string;
  label: { en: string; zh: string };
  category: ScopeCategory;
  sensitive: boolean;
  /** The app may change, create, send or delete, not only read. */
  write: boolean;
}

/** A catalog entry: [category, write, English label, Chinese label]. */
export type ScopeEntry = readonly [category: ScopeCategory, write: boolean, en: string, zh: string];

/** Categories that are sensitive whatever the access; `repositories` is sensitive only with write access. */
export const SENSITIVE_CATEGORIES: ReadonlySet<ScopeCategory> = new Set<ScopeCategory>([
  'contacts',
  'mail',
  'files',
  'calendar',
  'photos',
  'location',
  'admin',
  'payments',
]);

export function isSensitive(category: ScopeCategory, write: boolean): boolean {
  return SENSITIVE_CATEGORIES.has(category) || (category === 'repositories' && write);
}

/** Longest raw scope echoed into an "unrecognized" label. */
export const MAX_SCOPE_LABEL = 200;

const GOOGLE_PREFIX = 'https://www.googleapis.com/auth/';

/** Keys are short names: `https://www.googleapis.com/auth/` is removed before lookup. */
const GOOGLE: Record<string, ScopeEntry> = {
  openid: ['identity', false, 'Sign you in with your Google Account', '使用您的 Google 账号登录'],
  email: ['email', false, 'See your email address', '查看您的电子邮件地址'],
  'userinfo.email': ['email', false, 'See your email address', '查看您的电子邮件地址'],
  profile: ['profile', false, 'See your name and profile picture', '查看您的姓名和头像'],
  'userinfo.profile': ['profile', false, 'See your name and profile picture', '查看您的姓名和头像'],
  'plus.me': ['identity', false, 'Know who you are on Google', '识别您的 Google 身份'],
  'https://mail.google.com/': ['mail', true, 'Read, send and delete your Gmail', '读取、发送和删除您的 Gmail 邮件'],
  'gmail.readonly': ['mail', false, 'Read your Gmail messages and settings', '读取您的 Gmail 邮件和设置'],
  'gmail.metadata': ['mail', false, 'See your Gmail message headers and labels (not the text)', '查看您的 Gmail 邮件标头和标签（不含正文）'],
  'gmail.send': ['mail', true, 'Send email as you from Gmail', '以您的名义通过 Gmail 发送邮件'],
  'gmail.compose': ['mail', true, 'Write drafts and send email as you from Gmail', '在 Gmail 中撰写草稿并以您的名义发送邮件'],
  'gmail.modify': ['mail', true, 'Read, send and change your Gmail (but not delete it permanently)', '读取、发送和更改您的 Gmail 邮件（但不能永久删除）'],
  'gmail.insert': ['mail', true, 'Add messages to your Gmail mailbox', '向您的 Gmail 邮箱添加邮件'],
  'gmail.labels': ['mail', true, 'Create and change your Gmail labels', '创建和更改您的 Gmail 标签'],
  'gmail.settings.basic': ['mail', true, 'Change your Gmail settings and filters', '更改您的 Gmail 设置和过滤器'],
  'gmail.settings.sharing': ['mail', true, 'Change who can send or read your Gmail (forwarding, delegates)', '更改谁可以代发或读取您的 Gmail（转发、委托）'],
  contacts: ['contacts', true, 'See, edit and delete your Google contacts', '查看、编辑和删除您的 Google 联系人'],
  'contacts.readonly': ['contacts', false, 'See your Google contacts', '查看您的 Google 联系人'],
  'contacts.other.readonly': ['contacts', false, 'See the people you have emailed or chatted with ("Other contacts")', '查看您通过邮件或聊天联系过的人（“其他联系人”）'],
  'directory.readonly': ['contacts', false, "See your organization's directory of people", '查看您所在组织的人员目录'],
  'https://www.google.com/m8/feeds': ['contacts', true, 'See, edit and delete your Google contacts', '查看、编辑和删除您的 Google 联系人'],
  'user.addresses.read': ['location', false, 'See your street addresses', '查看您的街道地址'],
  'user.birthday.read': ['profile', false, 'See your birthday', '查看您的生日'],
  'user.phonenumbers.read': ['profile', false, 'See your phone numbers', '查看您的电话号码'],
  'user.gender.read': ['profile', false, 'See your gender', '查看您的性别'],
  'user.emails.read': ['email', false, 'See all the email addresses on your account', '查看您账号中的所有电子邮件地址'],
  drive: ['files', true, 'See, edit, create and delete all your Google Drive files', '查看、编辑、创建和删除您的所有 Google 云端硬盘文件'],
  'drive.readonly': ['files', false, 'See and download all your Google Drive files', '查看和下载您的所有 Google 云端硬盘文件'],
  'drive.file': ['files', true, 'See, edit and delete only the Drive files you open or create with this app', '仅查看、编辑和删除您通过此应用打开或创建的云端硬盘文件'],
  'drive.metadata.readonly': ['files', false, 'See the names and details of your Google Drive files', '查看您的 Google 云端硬盘文件的名称和详细信息'],
  'drive.metadata': ['files', true, 'See and change the details of your Google Drive files', '查看和更改您的 Google 云端硬盘文件的详细信息'],
  'drive.photos.readonly': ['photos', false, 'See the photos and videos in your Google Drive', '查看您 Google 云端硬盘中的照片和视频'],
  'drive.appdata': ['other', true, "Keep the app's own settings in a hidden folder of your Google Drive", '在您的 Google 云端硬盘的隐藏文件夹中保存此应用自己的设置'],
  spreadsheets: ['files', true, 'See, edit, create and delete all your Google Sheets', '查看、编辑、创建和删除您的所有 Google 表格'],
  'spreadsheets.readonly': ['files', false, 'See all your Google Sheets', '查看您的所有 Google 表格'],
  documents: ['files', true, 'See, edit, create and delete all your Google Docs', '查看、编辑、创建和删除您的所有 Google 文档'],
  'documents.readonly': ['files', false, 'See all your Google Docs', '查看您的所有 Google 文档'],
  presentations: ['files', true, 'See, edit, create and delete all your Google Slides', '查看、编辑、创建和删除您的所有 Google 幻灯片'],
  calendar: ['calendar', true, 'See, edit, share and delete all your Google calendars', '查看、编辑、共享和删除您的所有 Google 日历'],
  'calendar.readonly': ['calendar', false, 'See all your Google calendars and events', '查看您的所有 Google 日历和活动'],
  'calendar.events': ['calendar', true, 'See and edit the events on all your calendars', '查看和编辑您所有日历中的活动'],
  'calendar.events.readonly': ['calendar', false, 'See the events on all your calendars', '查看您所有日历中的活动'],
  'calendar.settings.readonly': ['calendar', false, 'See your calendar settings', '查看您的日历设置'],
  'https://www.google.com/calendar/feeds': ['calendar', true, 'See, edit and delete all your Google calendars', '查看、编辑和删除您的所有 Google 日历'],
  photoslibrary: ['photos', true, 'See, upload and organize all your Google Photos', '查看、上传和整理您的所有 Google 相册照片'],
  'photoslibrary.readonly': ['photos', false, 'See all your Google Photos', '查看您的所有 Google 相册照片'],
  'photoslibrary.appendonly': ['photos', true, 'Upload photos to your Google Photos', '向您的 Google 相册上传照片'],
  'photoslibrary.readonly.appcreateddata': ['photos', false, 'See the Google Photos this app uploaded', '查看此应用上传的 Google 相册照片'],
  'photoslibrary.edit.appcreateddata': ['photos', true, 'Edit the Google Photos this app uploaded', '编辑此应用上传的 Google 相册照片'],
  youtube: ['other', true, 'Manage your YouTube account', '管理您的 YouTube 账号'],
  'youtube.readonly': ['other', false, 'See your YouTube account', '查看您的 YouTube 账号'],
  'youtube.upload': ['other', true, 'Upload videos to your YouTube channel', '向您的 YouTube 频道上传视频'],
  'youtube.force-ssl': ['other', true, 'See, edit and permanently delete your YouTube videos, ratings and comments', '查看、编辑和永久删除您的 YouTube 视频、评分和评论'],
  tasks: ['other', true, 'Create, edit and delete your Google Tasks', '创建、编辑和删除您的 Google 任务'],
  'tasks.readonly': ['other', false, 'See your Google Tasks', '查看您的 Google 任务'],
  'cloud-platform': ['admin', true, 'See, change, configure and delete your Google Cloud data', '查看、更改、配置和删除您的 Google Cloud 数据'],
  'admin.directory.user': ['admin', true, "Manage your organization's user accounts", '管理您所在组织的用户账号'],
  'admin.directory.user.readonly': ['admin', false, "See your organization's user accounts", '查看您所在组织的用户账号'],
};

/** Keys are lowercase: Microsoft scope names are case-insensitive. */
const MICROSOFT: Record<string, ScopeEntry> = {
  openid: ['identity', false, 'Sign you in with your Microsoft account', '使用您的 Microsoft 账号登录'],
  email: ['email', false, 'See your email address', '查看您的电子邮件地址'],
  profile: ['profile', false, 'See your basic profile (name, picture, user name)', '查看您的基本资料（姓名、头像、用户名）'],
  offline_access: ['offline-access', false, 'Keep access to what you allowed, even when you are not using the app', '即使您未在使用此应用，也保留对您所允许内容的访问'],
  '.default': ['other', false, 'Everything this app was set up to access (the list is not in the request)', '此应用预先配置的全部权限（请求中未列出）'],
  'user.read': ['profile', false, 'Sign you in and read your profile', '登录并读取您的个人资料'],
  'user.readwrite': ['profile', true, 'Read and change your profile', '读取和更改您的个人资料'],
  'user.readbasic.all': ['organization', false, 'See the basic profiles of everyone in your organization', '查看您所在组织中所有人的基本资料'],
  'user.read.all': ['organization', false, 'See the full profiles of everyone in your organization', '查看您所在组织中所有人的完整资料'],
  'user.readwrite.all': ['admin', true, 'Read and change the profiles of everyone in your organization', '读取和更改您所在组织中所有人的资料'],
  'mail.read': ['mail', false, 'Read your email', '读取您的电子邮件'],
  'mail.readbasic': ['mail', false, 'Read your email, except the message text and attachments', '读取您的电子邮件（不含正文和附件）'],
  'mail.readwrite': ['mail', true, 'Read, change and delete your email', '读取、更改和删除您的电子邮件'],
  'mail.send': ['mail', true, 'Send email as you', '以您的名义发送电子邮件'],
  'mail.read.shared': ['mail', false, 'Read email you can access, including shared mailboxes', '读取您有权访问的电子邮件，包括共享邮箱'],
  'mail.readwrite.shared': ['mail', true, 'Read, change and delete email you can access, including shared mailboxes', '读取、更改和删除您有权访问的电子邮件，包括共享邮箱'],
  'mail.send.shared': ['mail', true, 'Send email as you or from mailboxes shared with you', '以您或共享邮箱的名义发送电子邮件'],
  'mailboxsettings.read': ['mail', false, 'Read your mailbox settings', '读取您的邮箱设置'],
  'mailboxsettings.readwrite': ['mail', true, 'Read and change your mailbox settings (including forwarding rules)', '读取和更改您的邮箱设置（包括转发规则）'],
  'imap.accessasuser.all': ['mail', true, 'Read, change and delete your email over IMAP', '通过 IMAP 读取、更改和删除您的电子邮件'],
  'pop.accessasuser.all': ['mail', true, 'Read and delete your email over POP', '通过 POP 读取和删除您的电子邮件'],
  'smtp.send': ['mail', true, 'Send email as you over SMTP', '通过 SMTP 以您的名义发送电子邮件'],
  'ews.accessasuser.all': ['mail', true, 'Full access to your Exchange mailbox (mail, calendar, contacts)', '完全访问您的 Exchange 邮箱（邮件、日历、联系人）'],
  'chat.read': ['mail', false, 'Read your Teams chat messages', '读取您的 Teams 聊天消息'],
  'chat.readwrite': ['mail', true, 'Read and send your Teams chat messages', '读取和发送您的 Teams 聊天消息'],
  'contacts.read': ['contacts', false, 'Read your contacts', '读取您的联系人'],
  'contacts.readwrite': ['contacts', true, 'Read, change and delete your contacts', '读取、更改和删除您的联系人'],
  'contacts.read.shared': ['contacts', false, 'Read your contacts and contacts shared with you', '读取您的联系人以及与您共享的联系人'],
  'people.read': ['contacts', false, 'See the people most relevant to you (who you work and talk with)', '查看与您最相关的人（与您共事和交流的人）'],
  'people.read.all': ['contacts', false, 'See the people most relevant to anyone in your organization', '查看与您组织中任何人最相关的人'],
  'files.read': ['files', false, 'Read your OneDrive files', '读取您的 OneDrive 文件'],
  'files.read.all': ['files', false, 'Read all files you can access (OneDrive, SharePoint, shared with you)', '读取您有权访问的所有文件（OneDrive、SharePoint、与您共享的文件）'],
  'files.readwrite': ['files', true, 'Read, change and delete your OneDrive files', '读取、更改和删除您的 OneDrive 文件'],
  'files.readwrite.all': ['files', true, 'Read, change and delete all files you can access', '读取、更改和删除您有权访问的所有文件'],
  'files.readwrite.appfolder': ['other', true, "Keep the app's own files in a folder of your OneDrive", '在您的 OneDrive 文件夹中保存此应用自己的文件'],
  'sites.read.all': ['files', false, 'Read items in all SharePoint sites you can access', '读取您有权访问的所有 SharePoint 网站中的内容'],
  'sites.readwrite.all': ['files', true, 'Change and delete items in all SharePoint sites you can access', '更改和删除您有权访问的所有 SharePoint 网站中的内容'],
  'notes.read': ['files', false, 'Read your OneNote notebooks', '读取您的 OneNote 笔记本'],
  'notes.readwrite': ['files', true, 'Read and change your OneNote notebooks', '读取和更改您的 OneNote 笔记本'],
  'calendars.read': ['calendar', false, 'Read your calendars', '读取您的日历'],
  'calendars.readbasic': ['calendar', false, 'Read your calendar events, except their body and attachments', '读取您的日历活动（不含正文和附件）'],
  'calendars.readwrite': ['calendar', true, 'Read, change and delete your calendars', '读取、更改和删除您的日历'],
  'calendars.read.shared': ['calendar', false, 'Read your calendars and calendars shared with you', '读取您的日历以及与您共享的日历'],
  'calendars.readwrite.shared': ['calendar', true, 'Read and change your calendars and calendars shared with you', '读取和更改您的日历以及与您共享的日历'],
  'tasks.read': ['other', false, 'Read your tasks (To Do, Planner)', '读取您的任务（To Do、Planner）'],
  'tasks.readwrite': ['other', true, 'Read and change your tasks (To Do, Planner)', '读取和更改您的任务（To Do、Planner）'],
  'presence.read': ['other', false, 'See whether you are online, busy or away in Teams', '查看您在 Teams 中是否在线、忙碌或离开'],
  'group.read.all': ['organization', false, 'Read all groups in your organization', '读取您所在组织的所有群组'],
  'group.readwrite.all': ['admin', true, 'Create, change and delete groups in your organization', '创建、更改和删除您所在组织的群组'],
  'directory.read.all': ['organization', false, "Read your organization's directory", '读取您所在组织的目录'],
  'directory.readwrite.all': ['admin', true, "Change your organization's directory", '更改您所在组织的目录'],
  'directory.accessasuser.all': ['admin', true, 'Access your organization\'s directory as you, with all your rights', '以您的身份和全部权限访问您所在组织的目录'],
  // Microsoft account (login.live.com) legacy scopes.
  'wl.signin': ['identity', false, 'Sign you in with your Microsoft account', '使用您的 Microsoft 账号登录'],
  'wl.basic': ['contacts', false, 'See your profile and your contact list', '查看您的个人资料和联系人列表'],
  'wl.emails': ['email', false, 'See your email addresses', '查看您的电子邮件地址'],
  'wl.birthday': ['profile', false, 'See your birthday', '查看您的生日'],
  'wl.postal_addresses': ['location', false, 'See your postal addresses', '查看您的邮寄地址'],
  'wl.offline_access': ['offline-access', false, 'Keep access to what you allowed, even when you are not using the app', '即使您未在使用此应用，也保留对您所允许内容的访问'],
  'wl.calendars': ['calendar', false, 'Read your calendars', '读取您的日历'],
  'wl.photos': ['photos', false, 'See your photos and videos', '查看您的照片和视频'],
  'wl.skydrive': ['files', false, 'Read your OneDrive files', '读取您的 OneDrive 文件'],
  'wl.skydrive_update': ['files', true, 'Read, change and delete your OneDrive files', '读取、更改和删除您的 OneDrive 文件'],
  'onedrive.readonly': ['files', false, 'Read your OneDrive files', '读取您的 OneDrive 文件'],
  'onedrive.readwrite': ['files', true, 'Read, change and delete your OneDrive files', '读取、更改和删除您的 OneDrive 文件'],
  'onedrive.appfolder': ['other', true, "Keep the app's own files in a folder of your OneDrive", '在您的 OneDrive 文件夹中保存此应用自己的文件'],
};

const GITHUB: Record<string, ScopeEntry> = {
  repo: ['repositories', true, 'Full control of all your repositories, private ones included', '完全控制您的所有代码仓库（包括私有仓库）'],
  public_repo: ['repositories', true, 'Change your public repositories (code, issues, stars)', '更改您的公开仓库（代码、议题、星标）'],
  'repo:status': ['repositories', true, 'See and set commit statuses in your repositories', '查看和设置您仓库中的提交状态'],
  repo_deployment: ['repositories', true, 'See and create deployments of your repositories', '查看和创建您仓库的部署'],
  'repo:invite': ['repositories', true, 'Accept or decline invitations to repositories', '接受或拒绝仓库协作邀请'],
  security_events: ['repositories', true, 'Read and change security alerts of your repositories', '读取和更改您仓库的安全警报'],
  workflow: ['repositories', true, 'Change your GitHub Actions workflows', '更改您的 GitHub Actions 工作流'],
  delete_repo: ['repositories', true, 'Delete your repositories', '删除您的代码仓库'],
  gist: ['repositories', true, 'Create and change your gists', '创建和更改您的 Gist'],
  'read:packages': ['repositories', false, 'Download your packages', '下载您的软件包'],
  'write:packages': ['repositories', true, 'Publish packages as you', '以您的名义发布软件包'],
  'delete:packages': ['repositories', true, 'Delete your packages', '删除您的软件包'],
  codespace: ['repositories', true, 'Create and manage your codespaces', '创建和管理您的 Codespaces'],
  'write:discussion': ['repositories', true, 'Write team discussions as you', '以您的名义撰写团队讨论'],
  'read:discussion': ['repositories', false, 'Read team discussions', '读取团队讨论'],
  user: ['profile', true, 'Read and change your profile, including private email addresses', '读取和更改您的个人资料（包括私人电子邮件地址）'],
  'read:user': ['profile', false, 'See your profile', '查看您的个人资料'],
  'user:email': ['email', false, 'See your email addresses, including private ones', '查看您的电子邮件地址（包括私人地址）'],
  'user:follow': ['profile', true, 'Follow and unfollow users as you', '以您的名义关注和取消关注用户'],
  notifications: ['other', false, 'Read your notifications', '读取您的通知'],
  project: ['organization', true, 'Read and change your projects', '读取和更改您的项目'],
  'read:project': ['organization', false, 'Read your projects', '读取您的项目'],
  'read:org': ['organization', false, 'See your organizations, teams and memberships', '查看您的组织、团队和成员身份'],
  'write:org': ['organization', true, 'Change your organization and team memberships', '更改您的组织和团队成员身份'],
  'admin:org': ['admin', true, 'Fully manage your organizations and teams', '完全管理您的组织和团队'],
  'admin:repo_hook': ['admin', true, 'Fully manage the webhooks of your repositories', '完全管理您仓库的 Webhook'],
  'write:repo_hook': ['repositories', true, 'Create and change webhooks of your repositories', '创建和更改您仓库的 Webhook'],
  'read:repo_hook': ['repositories', false, 'See the webhooks of your repositories', '查看您仓库的 Webhook'],
  'admin:org_hook': ['admin', true, 'Fully manage the webhooks of your organizations', '完全管理您组织的 Webhook'],
  'admin:public_key': ['admin', true, 'Fully manage the SSH keys on your account', '完全管理您账号上的 SSH 密钥'],
  'write:public_key': ['admin', true, 'Add SSH keys to your account', '向您的账号添加 SSH 密钥'],
  'read:public_key': ['other', false, 'See the SSH keys on your account', '查看您账号上的 SSH 密钥'],
  'admin:gpg_key': ['admin', true, 'Fully manage the GPG keys on your account', '完全管理您账号上的 GPG 密钥'],
  'write:gpg_key': ['admin', true, 'Add GPG keys to your account', '向您的账号添加 GPG 密钥'],
  'read:gpg_key': ['other', false, 'See the GPG keys on your account', '查看您账号上的 GPG 密钥'],
  'admin:enterprise': ['admin', true, 'Fully manage your enterprise accounts', '完全管理您的企业账号'],
  'read:enterprise': ['organization', false, 'See your enterprise accounts', '查看您的企业账号'],
  'read:audit_log': ['admin', false, 'Read audit logs', '读取审计日志'],
};

const FACEBOOK: Record<string, ScopeEntry> = {
  public_profile: ['profile', false, 'See your name and profile picture', '查看您的姓名和头像'],
  email: ['email', false, 'See your email address', '查看您的电子邮件地址'],
  openid: ['identity', false, 'Sign you in with your Facebook account', '使用您的 Facebook 账号登录'],
  user_friends: ['contacts', false, 'See your friends who also use this app', '查看同样使用此应用的好友'],
  user_birthday: ['profile', false, 'See your birthday', '查看您的生日'],
  user_age_range: ['profile', false, 'See your age range', '查看您的年龄段'],
  user_gender: ['profile', false, 'See your gender', '查看您的性别'],
  user_link: ['profile', false, 'See the link to your Facebook profile', '查看您的 Facebook 个人主页链接'],
  user_location: ['location', false, 'See your current city', '查看您当前所在的城市'],
  user_hometown: ['location', false, 'See your hometown', '查看您的家乡'],
  user_photos: ['photos', false, 'See your photos', '查看您的照片'],
  user_videos: ['photos', false, 'See your videos', '查看您的视频'],
  user_posts: ['other', false, 'See your posts on your timeline', '查看您时间线上的帖子'],
  user_likes: ['other', false, 'See the Pages you like', '查看您赞过的主页'],
  user_events: ['calendar', false, 'See the events you are going to or hosting', '查看您参加或主办的活动'],
  user_messenger_contact: ['contacts', false, 'Let the business message you on Messenger', '允许商家通过 Messenger 给您发消息'],
  groups_access_member_info: ['organization', false, "See group members' public information", '查看小组成员的公开信息'],
  publish_to_groups: ['organization', true, 'Post in groups as you', '以您的名义在小组中发帖'],
  pages_show_list: ['organization', false, 'See the Pages you manage', '查看您管理的主页'],
  pages_read_engagement: ['organization', false, "See posts, comments and followers of the Pages you manage", '查看您管理的主页的帖子、评论和粉丝'],
  pages_read_user_content: ['organization', false, 'See what people post on the Pages you manage', '查看其他人在您管理的主页上发布的内容'],
  pages_manage_posts: ['organization', true, 'Create, edit and delete posts on the Pages you manage', '在您管理的主页上创建、编辑和删除帖子'],
  pages_manage_engagement: ['organization', true, 'Comment and reply as the Pages you manage', '以您管理的主页的身份评论和回复'],
  pages_manage_metadata: ['admin', true, 'Change the settings of the Pages you manage', '更改您管理的主页的设置'],
  pages_messaging: ['mail', true, 'Read and send messages as the Pages you manage', '以您管理的主页的身份读取和发送消息'],
  read_insights: ['organization', false, 'See statistics of the Pages and apps you manage', '查看您管理的主页和应用的统计数据'],
  leads_retrieval: ['contacts', false, "Download the contact details people left in your Pages' lead forms", '下载用户在您主页的潜在客户表单中留下的联系方式'],
  ads_read: ['organization', false, 'See your ad accounts and reports', '查看您的广告账户和报告'],
  ads_management: ['admin', true, 'Create and manage ads and ad spending for your ad accounts', '为您的广告账户创建和管理广告及广告支出'],
  business_management: ['admin', true, 'Manage your business accounts and their assets', '管理您的企业账户及其资产'],
  catalog_management: ['organization', true, 'Manage your product catalogs', '管理您的商品目录'],
  instagram_basic: ['profile', false, 'See your Instagram profile and posts', '查看您的 Instagram 个人资料和帖子'],
  instagram_content_publish: ['photos', true, 'Publish photos and videos to your Instagram account', '向您的 Instagram 账号发布照片和视频'],
  instagram_manage_messages: ['mail', true, 'Read and send your Instagram direct messages', '读取和发送您的 Instagram 私信'],
  publish_video: ['photos', true, 'Publish live videos as you', '以您的名义发布直播视频'],
  whatsapp_business_messaging: ['mail', true, 'Send WhatsApp messages as your business', '以您企业的名义发送 WhatsApp 消息'],
  whatsapp_business_management: ['admin', true, 'Manage your WhatsApp Business account', '管理您的 WhatsApp Business 账号'],
};

const APPLE: Record<string, ScopeEntry> = {
  openid: ['identity', false, 'Sign you in with your Apple Account', '使用您的 Apple 账户登录'],
  name: ['profile', false, 'See your name (you can edit it before sharing)', '查看您的姓名（分享前可修改）'],
  email: ['email', false, 'See your email address (you can share a private relay address instead)', '查看您的电子邮件地址（可改为分享隐藏的中转地址）'],
};

const WECHAT: Record<string, ScopeEntry> = {
  snsapi_login: ['profile', false, 'Sign you in with WeChat and see your nickname and profile photo', '使用微信登录，并查看您的昵称和头像'],
  snsapi_base: ['identity', false, 'Identify you silently by your WeChat ID for this app (no prompt)', '静默获取您在此应用中的微信标识（不弹出授权页）'],
  snsapi_userinfo: ['profile', false, 'See your WeChat nickname, profile photo and region', '查看您的微信昵称、头像和地区'],
};

export const SCOPE_CATALOG: Readonly<Record<OAuthProvider, Readonly<Record<string, ScopeEntry>>>> = {
  google: GOOGLE,
  microsoft: MICROSOFT,
  github: GITHUB,
  facebook: FACEBOOK,
  apple: APPLE,
  wechat: WECHAT,
};

/** Microsoft resource prefixes that may precede a scope name (`https://graph.microsoft.com/Mail.Read`). */
const MICROSOFT_RESOURCE = /^https:\/\/(?:graph\.microsoft\.com|graph\.microsoft\.us|microsoftgraph\.chinacloudapi\.cn|outlook\.office(?:365)?\.com)\/(?=[^/]+$)/iu;

/** The catalog key for a raw scope of `provider` (not necessarily present in the catalog). */
export function catalogKey(provider: OAuthProvider, scope: string): string {
  switch (provider) {
    case 'google':
      return scope.startsWith(GOOGLE_PREFIX) && scope.length > GOOGLE_PREFIX.length ? scope.slice(GOOGLE_PREFIX.length) : scope;
    case 'microsoft':
      return scope.replace(MICROSOFT_RESOURCE, '').toLowerCase();
    default:
      return scope;
  }
}

function lookup(provider: OAuthProvider, scope: string): ScopeEntry | undefined {
  const key = catalogKey(provider, scope);
  const entry = Object.hasOwn(SCOPE_CATALOG[provider], key) ? SCOPE_CATALOG[provider][key] : undefined;
  if (entry) return entry;
  // Facebook Pages permissions are many and added often; the prefix says enough.
  if (provider === 'facebook' && key.startsWith('pages_')) {
    const write = /manage|publish|messaging/u.test(key);
    return ['organization', write, `Access the Pages you manage ("${key}")`, `访问您管理的主页（“${key}”）`];
  }
  return undefined;
}

/** Plain-language descriptions of `scopes`, in order, without duplicates. */
export function describeScopes(provider: OAuthProvider, scopes: string[]): ScopeInfo[] {
  const out: ScopeInfo[] = [];
  const seen = new Set<string>();
  for (const scope of scopes) {
    if (scope === '' || seen.has(scope)) continue;
    seen.add(scope);
    const entry = lookup(provider, scope);
    if (entry) {
      const [category, write, en, zh] = entry;
      out.push({ scope, label: { en, zh }, category, sensitive: isSensitive(category, write), write });
    } else {
      const shown = capText(scope, MAX_SCOPE_LABEL);
      out.push({
        scope,
        label: { en: `Unrecognized permission "${shown}"`, zh: `未识别的权限“${shown}”` },
        category: 'other',
        sensitive: false,
        write: false,
      });
    }
  }
  return out;
}
